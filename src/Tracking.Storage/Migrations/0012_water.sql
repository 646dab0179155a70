-- Rivers, canals and lakes of the force's map (water.geojson), only drawn on the pages' base layers. Kept with the
-- rest of the map, so every server instance draws the water of the map in use, not only the one that imported it.
-- A surface (Polygon, MultiPolygon) or a centre line (LineString, MultiLineString) per row, WGS84 lon/lat.
CREATE TABLE water_features (
    id    text PRIMARY KEY,
    name  text,
    shape geometry(Geometry, 4326) NOT NULL
          CHECK (GeometryType(shape) IN ('POLYGON', 'MULTIPOLYGON', 'LINESTRING', 'MULTILINESTRING'))
);
