package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Precision;

/** The loss curve's CSV (written, read back, cut at a step) and its PNG; the files of a run. */
class LossCurveTest {

    @TempDir
    Path dir;

    private static LossCurve curve() {
        LossCurve c = new LossCurve();
        c.add(new LossCurve.Point(10, 1, 2.5, Double.NaN));
        c.add(new LossCurve.Point(20, 1, 2.25, 2.4));
        c.add(new LossCurve.Point(30, 2, 2.0, Double.NaN));
        c.add(new LossCurve.Point(30, 2, Double.NaN, 2.1));
        return c;
    }

    @Test
    void theCsvHasAnEmptyFieldForALossNotMeasured() throws Exception {
        Path f = dir.resolve("c.csv");
        curve().writeCsv(f);
        assertEquals(List.of("step,epoch,train_loss,val_loss", "10,1,2.500000,", "20,1,2.250000,2.400000",
                "30,2,2.000000,", "30,2,,2.100000"), Files.readAllLines(f));
        assertEquals(curve().points(), LossCurve.readCsv(f, 30).points());
        assertEquals(curve().points().subList(0, 2), LossCurve.readCsv(f, 29).points(), "a resume at step 29 keeps 2");
        assertTrue(LossCurve.readCsv(dir.resolve("none.csv"), 100).points().isEmpty());
    }

    @Test
    void aCsvWrittenWhenEpochsCountedFromZeroIsRenumbered() throws Exception {
        Path f = dir.resolve("old.csv");
        Files.writeString(f, "step,epoch,train_loss,val_loss\n10,0,2.500000,\n20,0,2.250000,2.400000\n"
                + "30,1,2.000000,\n30,1,,2.100000\n");
        assertEquals(curve().points(), LossCurve.readCsv(f, 30).points());
        assertEquals(curve().points().subList(0, 2), LossCurve.readCsv(f, 20).points());
    }

    @Test
    void aMalformedCsvIsNamed() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "step,epoch,train_loss,val_loss\n1,0,x,\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossCurve.readCsv(f, 9));
        assertTrue(e.getMessage().startsWith(f + " line 2 is not step,epoch,train_loss,val_loss"), e.getMessage());
        Files.writeString(f, "a,b\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossCurve.readCsv(f, 9)).getMessage()
                .contains("is not a loss curve"));
    }

    @Test
    void thePlotIsAPngWithBothCurvesDrawn() throws Exception {
        Path f = dir.resolve("p.png");
        LossPlot.write(curve(), "test", f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(450, img.getHeight());
        boolean blue = false;
        boolean red = false;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                blue |= rgb == 0x1F77B4;
                red |= rgb == 0xD62728;
            }
        }
        assertTrue(blue, "the training curve's colour appears");
        assertTrue(red, "the validation curve's colour appears");
    }

    @Test
    void theFilesOfARunSitBesideTheModel() {
        RunFiles f = RunFiles.beside(Path.of("runs", "x.safetensors"));
        assertEquals(Path.of("runs", "x.ckpt.safetensors"), f.checkpoint());
        assertEquals(Path.of("runs", "x.loss.png"), f.plot());
        assertEquals(Path.of("runs", "x.loss.csv"), f.csv());
        assertEquals(Path.of("runs", "x.safetensors"), RunFiles.modelOf(f.checkpoint()));
        assertEquals(Path.of("m.bin.loss.png"), RunFiles.beside(Path.of("m.bin")).plot());
        assertEquals(null, RunFiles.modelOf(Path.of("other.safetensors")));
    }

    @Test
    void settingsSurviveACheckpoint() {
        TrainSettings s = new TrainSettings("/t.txt", "gru", 3, 17, "relu", "sgd", Map.of("lr", "0.5", "momentum", "0.9"),
                33, 5, 7, 99, 2.5, 0.125, 0.05, -4, 11, 0.97, 3);
        assertEquals(s, TrainSettings.fromMap(s.toMap(), "sgd", Map.of("lr", "0.5", "momentum", "0.9")));
        TrainSettings reber = TrainSettings.reber();
        assertEquals(reber, TrainSettings.fromMap(reber.toMap(), "adam", reber.optimizerOptions()));
        assertNotEquals(s, TrainSettings.fromMap(s.toMap(), "sgd", Map.of("lr", "0.5")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSettings.fromMap(Map.of(), "sgd", Map.of()))
                .getMessage().contains("has no 'run.cell'"));
        // a checkpoint written before the decay existed had none
        Map<String, String> older = new HashMap<>(s.toMap());
        older.remove("run.lr_decay");
        older.remove("run.lr_decay_after");
        TrainSettings old = TrainSettings.fromMap(older, "sgd", s.optimizerOptions());
        assertEquals(TrainSettings.NO_DECAY, old.lrDecay());
        assertEquals(TrainSettings.DECAY_AFTER, old.lrDecayAfter());
        assertEquals(s.layers(), old.layers());
        // float32 by default; float64 survives too; a checkpoint written before float32 existed was float64
        assertEquals(Precision.FLOAT32, s.precision());
        TrainSettings f64 = new TrainSettings(s.text(), s.cell(), s.layers(), s.hidden(), s.activation(), s.optimizer(),
                s.optimizerOptions(), s.seq(), s.batch(), s.epochs(), s.steps(), s.clip(), s.dropout(), s.valFraction(),
                s.seed(), s.every(), s.lrDecay(), s.lrDecayAfter(), Precision.FLOAT64);
        assertEquals(f64, TrainSettings.fromMap(f64.toMap(), "sgd", s.optimizerOptions()));
        assertNotEquals(s, f64);
        Map<String, String> beforeFloat32 = new HashMap<>(s.toMap());
        assertEquals("float32", beforeFloat32.remove("run.precision"));
        assertEquals(Precision.FLOAT64, TrainSettings.fromMap(beforeFloat32, "sgd", s.optimizerOptions()).precision());
    }
}
