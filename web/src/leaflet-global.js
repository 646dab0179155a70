// leaflet.markercluster is a UMD plugin that extends the global `L`: Leaflet must be global before it loads.
// Modules run in import order, so importing this module first makes it so.
import L from 'leaflet';

window.L = L;

export default L;
