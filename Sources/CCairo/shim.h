#ifndef DATAVIEWER_CCAIRO_SHIM_H
#define DATAVIEWER_CCAIRO_SHIM_H
// Debian's libcairo2-dev puts the headers in /usr/include/cairo; the PNG, PDF and SVG surfaces
// are all part of libcairo itself.
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <cairo/cairo-svg.h>
#endif
