package org.alloc4j.training.evaluate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alloc4j.training.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The outputs of an evaluation: console table, CSV, JSON and the sum-rate-versus-power plot. */
public final class ResultWriters {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ResultWriters() {
    }

    /** A plain-text table, one block per power level. */
    public static String table(List<ResultRow> rows) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-22s %7s %20s %14s %9s %8s %9s %10s%n";
        sb.append(String.format(Locale.ROOT, fmt, "method", "P [dBm]", "sum rate [bit/s/Hz]", "ratio", "feasible",
                "repaired", "|A| mean", "ms/inst"));
        Double last = null;
        for (ResultRow r : rows) {
            if (last != null && last != r.powerDbm()) {
                sb.append('\n');
            }
            last = r.powerDbm();
            sb.append(String.format(Locale.ROOT, fmt, r.method(), Evaluator.label(r.powerDbm()),
                    String.format(Locale.ROOT, "%.3f ± %.3f", r.meanSumRate(), r.ci95()),
                    Double.isNaN(r.ratioToGreedyWmmse()) ? "-" : Double.isNaN(r.ratioCi95())
                            ? String.format(Locale.ROOT, "%.3f", r.ratioToGreedyWmmse())
                            : String.format(Locale.ROOT, "%.3f ± %.3f", r.ratioToGreedyWmmse(), r.ratioCi95()),
                    String.format(Locale.ROOT, "%.3f", r.feasibleRate()), String.format(Locale.ROOT, "%.3f", r.repairedRate()),
                    String.format(Locale.ROOT, "%.2f", r.meanSupportSize()), String.format(Locale.ROOT, "%.3f", r.msPerInstance())));
        }
        return sb.toString();
    }

    public static void csv(List<ResultRow> rows, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(ResultRow.CSV_HEADER).append('\n');
        for (ResultRow r : rows) {
            sb.append(r.toCsv()).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** The rows plus everything needed to reproduce them. */
    public static void json(List<ResultRow> rows, Map<String, Object> configuration, Path file) throws IOException {
        JsonObject root = new JsonObject();
        root.add("configuration", toJson(configuration));
        JsonArray arr = new JsonArray();
        for (ResultRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("env", r.env());
            m.put("power_dbm", r.powerDbm());
            m.put("instances", r.instances());
            m.put("mean_sum_rate", r.meanSumRate());
            m.put("ci95", r.ci95());
            m.put("ratio_to_greedy_wmmse", r.ratioToGreedyWmmse());
            m.put("ratio_ci95", r.ratioCi95());
            m.put("feasible_rate", r.feasibleRate());
            m.put("repaired_rate", r.repairedRate());
            m.put("mean_support_size", r.meanSupportSize());
            m.put("ms_per_instance", r.msPerInstance());
            arr.add(toJson(m));
        }
        root.add("results", arr);
        AtomicFiles.writeString(file, GSON.toJson(root) + "\n");
    }

    /** Converts maps, lists, numbers (NaN → null), booleans and strings to JSON. */
    public static JsonElement toJson(Object o) {
        if (o == null) {
            return JsonNull.INSTANCE;
        } else if (o instanceof Map<?, ?> map) {
            JsonObject obj = new JsonObject();
            map.forEach((k, v) -> obj.add(String.valueOf(k), toJson(v)));
            return obj;
        } else if (o instanceof Iterable<?> it) {
            JsonArray arr = new JsonArray();
            it.forEach(v -> arr.add(toJson(v)));
            return arr;
        } else if (o instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new JsonPrimitive(n) : JsonNull.INSTANCE;
        } else if (o instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(String.valueOf(o));
    }

    /** Mean sum rate against power, one line per method (the paper's Fig. 5(a)/8(a)). */
    public static void sumRatePlot(List<ResultRow> rows, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("power budget [dBm]")
                .yAxisTitle("mean sum rate [bit/s/Hz]").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        Map<String, List<ResultRow>> byMethod = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            byMethod.computeIfAbsent(r.method(), k -> new java.util.ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<ResultRow>> e : byMethod.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(ResultRow::powerDbm).toArray();
            double[] y = e.getValue().stream().mapToDouble(ResultRow::meanSumRate).toArray();
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
