package org.rnn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Suite;

/** The JUnit front end: one container per plug-in, one test per property, failures carry the report. */
class PluginChecksTest {

    /** tanh with its derivative off by 1%. */
    private static final Activation TANH_OFF = new Activation() {
        @Override
        public String name() {
            return "tanh";
        }

        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.01 * (1 - y * y);
        }
    };

    @Test
    void onePluginIsOneContainerOfOneTestPerProperty() {
        Registry installed = Registry.installed();
        List<DynamicNode> nodes = PluginChecks.tests(List.of(Suite.activation(installed.activation("tanh"), installed,
                false))).toList();
        assertEquals(1, nodes.size());
        DynamicContainer c = (DynamicContainer) nodes.get(0);
        assertEquals("activation tanh", c.getDisplayName());
        List<DynamicTest> tests = c.getChildren().map(DynamicTest.class::cast).toList();
        assertEquals(List.of("tanh: name is lower case, unique and found by ServiceLoader",
                "tanh: derivative matches finite differences across the domain",
                "tanh: bulk apply and backward equal the scalar methods",
                "tanh: float32 bulk apply and backward agree with the scalar methods rounded to float"),
                tests.stream().map(DynamicTest::getDisplayName).toList());
        for (DynamicTest t : tests) {
            assertDoesNotThrow(() -> t.getExecutable().execute(), t.getDisplayName());
        }
    }

    @Test
    void aFailingPropertyFailsItsTestWithTheShrunkCaseAndTheSeed() {
        DynamicContainer c = (DynamicContainer) PluginChecks.activation(TANH_OFF).toList().get(0);
        DynamicTest derivative = c.getChildren().map(DynamicTest.class::cast)
                .filter(t -> t.getDisplayName().contains("derivative")).findFirst().orElseThrow();
        AssertionError e = assertThrows(AssertionError.class, () -> derivative.getExecutable().execute());
        assertTrue(e.getMessage().contains("smallest failing case (") && e.getMessage().contains("x = [0.0]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("replay it: -Drnn4j.seed="), e.getMessage());
        assertTrue(e.getMessage().contains("\n  culprit: activation tanh ("), e.getMessage());
    }

    @Test
    void assertGradientsReportsEveryFailingProperty() {
        AssertionError e = assertThrows(AssertionError.class, () -> PluginChecks.assertGradients(TANH_OFF));
        assertTrue(e.getMessage().contains("'tanh: derivative matches finite differences across the domain' failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'tanh: gradients of random stacks match finite differences' failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("culprit: activation tanh (class path): the smallest case passes with "
                + "activation tanh replaced by sigmoid"), e.getMessage());
        assertTrue(e.getMessage().contains("ServiceLoader finds is org.rnn4j.activations.Tanh"), e.getMessage());
        assertDoesNotThrow(() -> PluginChecks.assertGradients(Registry.installed().activation("tanh")));
    }
}
