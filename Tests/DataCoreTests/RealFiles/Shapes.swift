/// Small files in the shapes real measurement files come in. Each one is used by the rule tests and
/// by the DuckDB reference check (which reads the same columns with DuckDB's `read_csv`).
struct Shape {
    var name: String
    var text: String
    /// DuckDB `read_csv` arguments that read it right (what a person would pass to DuckDB).
    var duckdb: String = ""
    /// Column in the file → the series id its values end up in.
    var columns: [(column: String, series: String)]
    /// For long files: the column that holds the values, and the columns that pick the series.
    var longValue: String? = nil
    var longKey: [String] = []
}

enum Shapes {
    static let preamble = Shape(name: "preamble.csv", text: """
        Station: Harbour Road, operated by the city
        # exported 2024-03-01 by LoggerPro 2.1
        # units: µg/m³
        time,PM10 (µg/m³),NO2 (µg/m³)
        2024-03-01T00:00:00Z,12.5,30
        2024-03-01T01:00:00Z,14,31.5
        2024-03-01T02:00:00Z,11.25,29

        """, duckdb: "skip=3, header=true", columns: [("PM10 (µg/m³)", "PM10"), ("NO2 (µg/m³)", "NO2")])

    /// Year/month/day/hour columns next to a full timestamp: the timestamp is the time, the parts are not measurements.
    static let splitNextToFull = Shape(name: "split.csv", text: """
        year,month,day,hour,timestamp,temperature,humidity
        2024,1,1,0,2024-01-01T00:00:00Z,3.5,81
        2024,1,1,1,2024-01-01T01:00:00Z,3.25,82
        2024,1,1,2,2024-01-01T02:00:00Z,3,84

        """, columns: [("temperature", "temperature"), ("humidity", "humidity")])

    /// Only date parts: the time is composed from them.
    static let splitOnly = Shape(name: "parts.csv", text: """
        year,month,day,hour,minute,wind_speed
        2024,3,31,0,0,4.5
        2024,3,31,0,30,5
        2024,3,31,1,0,6.5

        """, columns: [("wind_speed", "wind_speed")])

    /// A logger: `Date;Time` with `HH.MM.SS`, decimal commas, trailing empty fields on some rows, a short row.
    static let raggedLogger = Shape(name: "logger.csv", text: """
        Date;Time;Temp;RH
        01.03.2024;00.00.00;4,5;80,5;;
        01.03.2024;00.10.00;4,25;81;;
        01.03.2024;00.20.00;4;82
        01.03.2024;00.30.00;3,75

        """, duckdb: "delim=';', decimal_separator=',', null_padding=true, header=false, skip=1, auto_detect=false, columns={'Date':'VARCHAR','Time':'VARCHAR','Temp':'DOUBLE','RH':'DOUBLE','x1':'VARCHAR','x2':'VARCHAR'}",
        columns: [("Temp", "Temp"), ("RH", "RH")])

    static let decimalComma = Shape(name: "komma.csv", text: """
        Zeitstempel;PM10 [µg/m³];Temperatur [°C]
        2024-03-01 00:00;12,5;-1,5
        2024-03-01 01:00;14,75;-2
        2024-03-01 02:00;9;+0,5

        """, duckdb: "delim=';', decimal_separator=',', types={'Temperatur [°C]': 'DOUBLE'}", columns: [("PM10 [µg/m³]", "PM10"), ("Temperatur [°C]", "Temperatur")])

    /// US dates told apart by the values (13 cannot be a month), and `24:00` as the end of a day.
    static let usDates = Shape(name: "us.csv", text: """
        Date,Time,GHI
        12/31/2023,23:00,0
        12/31/2023,24:00,0
        01/13/2024,12:00,512.5

        """, columns: [("GHI", "GHI")])

    static let openAQ = Shape(name: "openaq.csv", text: """
        location_id,sensors_id,location,datetime,lat,lon,parameter,units,value
        2178,3917,Harbour Road-2178,2024-01-01T01:00:00+01:00,52.37,4.89,pm25,µg/m³,7.5
        2178,3918,Harbour Road-2178,2024-01-01T01:00:00+01:00,52.37,4.89,no2,µg/m³,21.0
        2178,3917,Harbour Road-2178,2024-01-01T02:00:00+01:00,52.37,4.89,pm25,µg/m³,8.25
        8115,9001,Park Lane-8115,2024-01-01T01:00:00+01:00,52.35,4.91,pm25,µg/m³,5.0
        8115,9001,Park Lane-8115,2024-01-01T02:00:00+01:00,52.35,4.91,pm25,µg/m³,4.5

        """, columns: [], longValue: "value", longKey: ["location", "parameter"])

    static let all = [preamble, splitNextToFull, splitOnly, raggedLogger, decimalComma, usDates, openAQ]
}
