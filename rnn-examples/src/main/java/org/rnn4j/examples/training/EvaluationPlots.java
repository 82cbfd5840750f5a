package org.rnn4j.examples.training;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;

/**
 * The pictures of {@code ./rnn4j evaluate}: the confusion matrix as a heat map (classify, tag)
 * and predicted against actual values as a scatter plot with the diagonal (regress, forecast),
 * PNGs drawn as the loss plot is ({@link Charts}).
 */
public final class EvaluationPlots {

    private EvaluationPlots() {
    }

    /**
     * Draws the confusion matrix: one cell per (actual, predicted) pair, coloured and labelled
     * by its count.
     *
     * @param confusion {@code confusion[actual][predicted]}
     * @param labels the class names
     * @param title the chart's title
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    public static void confusion(int[][] confusion, List<String> labels, String title, Path file)
            throws IOException {
        int side = Math.max(400, Math.min(1200, 120 + 60 * labels.size()));
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 120).height(side).title(title)
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x1F77B4)});
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setXAxisTickMarkSpacingHint(1);   // a label for every class, not every other
        chart.getStyler().setYAxisTickMarkSpacingHint(1);
        chart.getStyler().setDecimalPattern("#");          // counts: whole numbers in the legend
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                cells.add(new Number[] {p, a, confusion[a][p]});
            }
        }
        chart.addSeries("count", labels, labels, cells);
        Charts.writePng(chart, file);
    }

    /**
     * Draws each predicted value against the actual one, with the line where they are equal.
     *
     * @param pairs {@code [i] = {actual, predicted}}, in the file's units
     * @param title the chart's title
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    public static void predictedVsActual(List<double[]> pairs, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(600).height(600).title(title).xAxisTitle("actual")
                .yAxisTitle("predicted").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(4);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : pairs) {
            x.add(p[0]);
            y.add(p[1]);
            lo = Math.min(lo, Math.min(p[0], p[1]));
            hi = Math.max(hi, Math.max(p[0], p[1]));
        }
        if (!pairs.isEmpty()) {
            XYSeries diagonal = chart.addSeries("predicted = actual", new double[] {lo, hi}, new double[] {lo, hi});
            diagonal.setLineColor(new Color(0x999999));
            diagonal.setMarker(SeriesMarkers.NONE);
            XYSeries points = chart.addSeries("predictions", x, y);
            points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            points.setMarkerColor(new Color(0x1F77B4));
            points.setMarker(SeriesMarkers.CIRCLE);
        }
        Charts.writePng(chart, file);
    }

    /**
     * Runs the network over a numeric test part (regress, forecast) and pairs every value with
     * its prediction, both in the file's units (every horizon step of every window for forecast).
     *
     * @param net the network (its mode is restored)
     * @param test the test part, with values
     * @return {@code {actual, predicted}} per value
     */
    public static List<double[]> pairs(Network net, TaskData.TestPart test) {
        List<double[]> pairs = new ArrayList<>();
        int n = test.inputs().size();
        boolean was = net.isTraining();
        net.setTraining(false);
        try {
            for (int from = 0; from < n; from += TaskEvaluation.CHUNK) {
                List<double[][]> part = test.inputs().subList(from, Math.min(n, from + TaskEvaluation.CHUNK));
                Sequence y = net.forward(TaskEvaluation.padded(part), null);
                for (int b = 0; b < part.size(); b++) {
                    double[] want = test.values().get(from + b);
                    for (int h = 0; h < want.length; h++) {
                        pairs.add(new double[] {want[h], y.get(0, b, h) * test.targetScale() + test.targetMean()});
                    }
                }
            }
        } finally {
            net.setTraining(was);
        }
        return pairs;
    }
}
