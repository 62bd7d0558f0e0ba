import Chart
import GoRuntime

// TEMPORARY STUB from branch `chart` so Engine and the conformance harness compile; the real renderer
// replaces this file.

/// Helm's render pipeline entry point.
public enum HelmRenderer {
    /// Renders the chart (as `helm install --dry-run` / `helm template` would) and returns the rendered text
    /// of one file, named as Helm names it (`conf/templates/NOTES.txt`).
    public static func renderFile(chart: LoadedChart, valueFiles: [String], file: String,
                                  options: ReleaseOptions) throws(RenderError) -> String {
        throw RenderError("HelmRenderer.renderFile is a stub (branch chart)")
    }
}
