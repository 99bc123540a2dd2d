// The stylesheets that several pages load beside the kit's (static/kit.css, on every page).

export const UPLOT_CSS = "/static/build/uPlot.min.css";
// Forms are styled by the kit; wizard.css is the wizard's own.
export const WIZARD_CSS = "/static/wizard.css";
export const STORAGE_STYLES = ["/static/storage.css"];
export const MONITORING_CSS = "/static/monitoring.css";
export const MONITORING_STYLES = [MONITORING_CSS];
