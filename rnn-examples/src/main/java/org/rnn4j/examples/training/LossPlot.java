package org.rnn4j.examples.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curve as a PNG (XChart, drawn off screen: it runs headless, with no display): the
 * training loss as a line, the validation loss as dots joined by a line, both in nats per
 * character against the optimizer step.
 */
public final class LossPlot {

    private static final Color TRAIN = new Color(0x1F77B4);
    private static final Color VALIDATION = new Color(0xD62728);

    private LossPlot() {
    }

    /**
     * Draws the curve and writes it atomically.
     *
     * @param curve the numbers
     * @param title the chart's title
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    public static void write(LossCurve curve, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("step")
                .yAxisTitle("loss (nats per character)").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        Charts.style(chart.getStyler());
        series(chart, "train", curve, true, TRAIN);
        series(chart, "validation", curve, false, VALIDATION);
        Charts.writePng(chart, file);
    }

    private static void series(XYChart chart, String name, LossCurve curve, boolean train, Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (LossCurve.Point p : curve.points()) {
            double v = train ? p.trainLoss() : p.valLoss();
            if (!Double.isNaN(v)) {
                x.add((double) p.step());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(train ? 1.5f : 2f));
        s.setMarker(train ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
}
