/// Field formats recognised by their header, whose columns have meanings the names alone do not tell.
enum KnownFormat: String, Equatable, Sendable {
    /// The Sensor.Community (luftdaten) archive: `sensor_id;sensor_type;location;lat;lon;timestamp;P1;…`.
    case sensorCommunity = "Sensor.Community archive"
    /// The OpenAQ archive: `location_id,sensors_id,location,datetime,lat,lon,parameter,units,value`.
    case openAQ = "OpenAQ archive"

    static func recognise(_ keys: [String]) -> KnownFormat? {
        let set = Set(keys)
        if set.isSuperset(of: ["sensor_id", "sensor_type", "location", "timestamp"]) { return .sensorCommunity }
        if set.isSuperset(of: ["location", "datetime", "parameter", "value"]) && (set.contains("units") || set.contains("unit"))
            && (set.contains("location_id") || set.contains("sensors_id")) { return .openAQ }
        return nil
    }

    /// Sensor.Community value columns: their usual phenomenon name and unit. `dur*`/`ratio*` are
    /// the sensor's sampling internals, not measurements.
    static let sensorCommunityColumns: [String: (String, String?)] = [
        "p0": ("PM1", "µg/m³"), "p1": ("PM10", "µg/m³"), "p2": ("PM2.5", "µg/m³"), "p4": ("PM4", "µg/m³"),
        "n05": ("N0.5", "#/cm³"), "n1": ("N1", "#/cm³"), "n25": ("N2.5", "#/cm³"), "n4": ("N4", "#/cm³"), "n10": ("N10", "#/cm³"),
        "temperature": ("temperature", "°C"), "humidity": ("humidity", "%"), "pressure": ("pressure", "Pa"),
        "pressure_sealevel": ("pressure at sea level", "Pa"), "altitude": ("altitude", "m"),
        "noise_leq": ("noise Leq", "dB(A)"), "noise_lamin": ("noise LAmin", "dB(A)"), "noise_lamax": ("noise LAmax", "dB(A)"),
    ]

    static func isSensorCommunityInternal(_ key: String) -> Bool {
        key.hasPrefix("dur") || key.hasPrefix("ratio")
    }

    /// The name people use for a phenomenon written in a code: `pm25` → `PM2.5`, `no2` → `NO2`.
    static func usualName(_ raw: String) -> String {
        switch raw.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: " ", with: "") {
        case "pm25", "pm2.5": return "PM2.5"
        case "pm10": return "PM10"
        case "pm1", "pm1.0": return "PM1"
        case "pm4": return "PM4"
        case "no2": return "NO2"
        case "no": return "NO"
        case "nox": return "NOx"
        case "o3": return "O3"
        case "so2": return "SO2"
        case "co": return "CO"
        case "co2": return "CO2"
        case "bc": return "BC"
        case "relativehumidity", "rh": return "relative humidity"
        case "temperature", "temp": return "temperature"
        case "um003": return "particles > 0.3 µm"
        default: return raw
        }
    }
}
