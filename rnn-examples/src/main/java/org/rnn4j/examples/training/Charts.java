package org.rnn4j.examples.training;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.rnn4j.io.model.AtomicFile;

/** What the PNG charts share: the plain style and drawing off screen into a file written atomically. */
final class Charts {

    private Charts() {
    }

    /** White background, light grid, anti-aliased. */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setAntiAlias(true);
    }

    /**
     * Draws the chart (headless: no display needed) and writes it as a PNG, atomically.
     *
     * @param chart the chart
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    static void writePng(IChart chart, Path file) throws IOException {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("this Java has no PNG writer");
            }
        });
    }
}
