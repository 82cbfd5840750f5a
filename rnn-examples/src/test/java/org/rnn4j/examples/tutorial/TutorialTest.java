package org.rnn4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Registry;

/**
 * The tutorial's printed numbers (copied from its text, the digits it prints), against what
 * rnn4j computes from the tutorial's weights.
 */
class TutorialTest {

    private static final TutorialReport REPORT = new TutorialReport(Registry.installed(), 30);

    // "States output are"
    private static final double[][] STATES = {
        {0.70141121474134871, 0.81303823389731422, 0.75110680687063036},
        {0.84717227340513512, 0.85640226112907092, 0.72710720520726202},
    };
    // "Output Arr List"
    private static final double[][] OUTPUTS = {
        {1.6767189948061862, 0.99989953446445878, 0.7867503957150177, 1.0136837569350066},
        {1.7532474896660379, 1.0533701355806655, 0.87770948548253291, 1.1573716940239656},
    };
    // "Predicted Softmax values"
    private static final double[] SOFTMAX = {0.40578425, 0.20153121, 0.16906506, 0.22361947};
    // "dV before weight update"
    private static final double[][] DV = {
        {-1.95996095, -2.05168353, -1.78308713},
        {-0.74655445, -0.85866286, -0.78983716},
        {-1.29540669, -1.39133054, -1.22912247},
        {-1.69150236, -1.81533939, -1.60291807},
    };
    // "dU before weight update"
    private static final double[][] DU = {
        {-1.38303139, -1.03664432, 0, 0, -2.41967571},
        {-0.97117627, -0.98627813, 0, 0, -1.9574544},
        {-1.10048972, -0.87977125, 0, 0, -1.98026097},
    };
    // "dW before weight update"
    private static final double DW = -2.18979795;

    @Test
    void statesMatchTheTutorialTo15Digits() {
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(STATES[t], REPORT.states[t], 1e-15, "state " + t);
        }
    }

    @Test
    void outputsMatchTheTutorialTo15SignificantDigits() {
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < 4; i++) {
                double want = OUTPUTS[t][i];
                assertEquals(want, REPORT.outputs[t][i], 1e-15 * Math.abs(want), "output " + t + "," + i);
            }
        }
    }

    @Test
    void theTutorialsSoftmaxIsThatOfTheSecondOutput() {
        assertArrayEquals(SOFTMAX, REPORT.softmax[1], 5e-9);
        double gap = 0;
        for (int i = 0; i < 4; i++) {
            gap = Math.max(gap, Math.abs(SOFTMAX[i] - REPORT.softmax[0][i]));
        }
        assertTrue(gap > 1e-3, "the first output's softmax differs from what the tutorial printed");
    }

    @Test
    void theTutorialsDvIsMinusOurGradient() {
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(DV[o][i], -REPORT.outputWeightGrad[o][i], 5e-9, "dV " + o + "," + i);
            }
        }
    }

    @Test
    void theTutorialsOwnRuleReproducesItsPrintedDuAndDw() {
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(DU[i], REPORT.tutorial.dU[i], 5e-9, "tutorial dU row " + i);
        }
        assertEquals(DW, REPORT.tutorial.dW, 5e-9);
        assertArrayEquals(DV[0], REPORT.tutorial.dV[0], 5e-9);
    }

    @Test
    void theTutorialsDuIsNotTheGradientButOursIs() {
        double[] fdU = REPORT.finiteDifferences.get("layer0.weight_ih");
        double[] fdB = REPORT.finiteDifferences.get("layer0.bias");
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 4; c++) {
                assertClose(fdU[i * 4 + c], REPORT.inputWeightGrad[i][c], "dL/dU " + i + "," + c);
            }
            assertClose(fdB[i], REPORT.biasGrad[i], "dL/db " + i);
            assertTrue(Math.abs(-DU[i][0] - fdU[i * 4]) > 1e-3, "the tutorial's dU " + i + ",0 is off");
        }
        double[] fdHh = REPORT.finiteDifferences.get("layer0.weight_hh");
        for (int i = 0; i < 9; i++) {
            assertClose(fdHh[i], REPORT.recurrentGrad[i / 3][i % 3], "dL/dW_hh " + i);
        }
        assertClose(fdHh[0] + fdHh[4] + fdHh[8], REPORT.scalarRecurrentGrad, "dL/dw");
        assertTrue(Math.abs(-DW - REPORT.scalarRecurrentGrad) > 1e-3, "the tutorial's dW is off");
        double[] fdV = REPORT.finiteDifferences.get("output.weight");
        for (int i = 0; i < 12; i++) {
            assertClose(fdV[i], REPORT.outputWeightGrad[i / 3][i % 3], "dL/dV " + i);
        }
    }

    @Test
    void lossIsHalfTheSummedSquaredErrorAndFallsUnderSgd() {
        double l = 0;
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < 4; i++) {
                double d = (i == t ? 1 : 0) - OUTPUTS[t][i];
                l += 0.5 * d * d;
            }
        }
        assertEquals(l, REPORT.loss, 1e-14);
        assertEquals(REPORT.loss, REPORT.losses.get(0), 0.0);
        // A learning rate of 1 overshoots once (the output gradients are about 2), then SGD descends.
        assertTrue(REPORT.losses.get(30) < REPORT.loss / 4, "30 SGD steps cut the loss by 4x: " + REPORT.losses);
        for (int s = 2; s < REPORT.losses.size(); s++) {
            assertTrue(REPORT.losses.get(s) < REPORT.losses.get(s - 1),
                    "loss falls at SGD step " + s + ": " + REPORT.losses);
        }
    }

    private static void assertClose(double numeric, double analytic, String what) {
        double rel = Math.abs(numeric - analytic) / (Math.abs(numeric) + Math.abs(analytic) + 1e-300);
        assertTrue(Math.abs(numeric - analytic) < 1e-9 || rel < 1e-7,
                what + ": analytic " + analytic + ", finite difference " + numeric);
    }

    @Test
    void weightsAreTheTutorials() {
        Map<String, Parameter> p = TutorialNetwork.create(Registry.installed()).namedParameters();
        assertEquals(0.56700, p.get("layer0.bias").value()[2], 0.0);
        assertEquals(0.427043, p.get("layer0.weight_hh").value()[4], 0.0);
        assertEquals(0.0, p.get("layer0.weight_hh").value()[1], 0.0);
        assertEquals(0.144630018, p.get("output.weight").value()[11], 0.0);
    }
}
