package com.acme.legacy.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the simulation's timeline as an SVG: requests per second and success rate per second, one line per configuration. */
final class TimelineChart {
    private static final String[] COLOURS = {"#555555", "#d62728", "#ff7f0e", "#1f77b4", "#2ca02c"};
    private static final int WIDTH = 900;
    private static final int PANEL = 260;
    private static final int LEFT = 70;
    private static final int TOP = 40;

    private TimelineChart() {
    }

    /**
     * @param requests per configuration, requests that reached the dependency in each second
     * @param success  per configuration, percentage of callers' calls that succeeded in each second
     * @param phases   phase names and their start seconds, plus the total
     */
    static String svg(Map<String, long[]> requests, Map<String, double[]> success, List<String> phaseNames, int[] phaseStarts,
                      int seconds) {
        StringBuilder b = new StringBuilder();
        int height = TOP + 2 * PANEL + 140;
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"22\" font-size=\"15\">Outage simulation: requests reaching the dependency, and callers' success rate</text>\n");
        long maxRequests = 1;
        for (long[] r : requests.values()) {
            for (long v : r) {
                maxRequests = Math.max(maxRequests, v);
            }
        }
        maxRequests = niceCeiling(maxRequests);
        panel(b, TOP, "requests/s at the dependency", maxRequests, seconds, phaseNames, phaseStarts);
        panel(b, TOP + PANEL + 40, "success rate seen by callers (%)", 100, seconds, phaseNames, phaseStarts);
        int i = 0;
        for (String config : requests.keySet()) {
            String colour = COLOURS[i % COLOURS.length];
            long[] r = requests.get(config);
            double[] values = new double[r.length];
            for (int s = 0; s < r.length; s++) {
                values[s] = r[s];
            }
            line(b, values, maxRequests, TOP, seconds, colour);
            line(b, success.get(config), 100, TOP + PANEL + 40, seconds, colour);
            int ly = TOP + 2 * PANEL + 70 + (i / 3) * 20;
            int lx = LEFT + (i % 3) * 270;
            b.append("<rect x=\"").append(lx).append("\" y=\"").append(ly - 9).append("\" width=\"14\" height=\"4\" fill=\"")
                    .append(colour).append("\"/><text x=\"").append(lx + 20).append("\" y=\"").append(ly - 4).append("\">")
                    .append(config).append("</text>\n");
            i++;
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static long niceCeiling(long v) {
        long step = (long) Math.pow(10, Math.floor(Math.log10(v)));
        return ((v + step - 1) / step) * step;
    }

    private static double x(double second, int seconds) {
        return LEFT + (WIDTH - LEFT - 20) * second / seconds;
    }

    private static void panel(StringBuilder b, int top, String title, double max, int seconds, List<String> phaseNames,
                              int[] phaseStarts) {
        int plotHeight = PANEL - 30;
        for (int p = 0; p < phaseNames.size(); p++) {
            double x0 = x(phaseStarts[p], seconds);
            double x1 = x(phaseStarts[p + 1], seconds);
            String fill = p % 2 == 0 ? "#f4f4f4" : "#e8e8e8";
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    x0, top + 20, x1 - x0, plotHeight, fill));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#666\">%s</text>%n", x0 + 4, top + 34,
                    phaseNames.get(p)));
        }
        b.append("<text x=\"").append(LEFT).append("\" y=\"").append(top + 14).append("\" font-weight=\"bold\">").append(title)
                .append("</text>\n");
        for (int k = 0; k <= 4; k++) {
            double y = top + 20 + plotHeight - plotHeight * k / 4.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>%n", LEFT,
                    WIDTH - 20, y, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", LEFT - 6, y + 4,
                    max * k / 4.0));
        }
        for (int s = 0; s <= seconds; s += 10) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%ds</text>%n", x(s, seconds),
                    top + 20 + plotHeight + 16, s));
        }
    }

    private static void line(StringBuilder b, double[] values, double max, int top, int seconds, String colour) {
        int plotHeight = PANEL - 30;
        StringBuilder points = new StringBuilder();
        for (int s = 0; s < values.length; s++) {
            double v = Double.isNaN(values[s]) ? 0 : Math.min(values[s], max);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s + 0.5, seconds), top + 20 + plotHeight - plotHeight * v / max));
        }
        b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                .append(points.toString().trim()).append("\"/>\n");
    }
}
