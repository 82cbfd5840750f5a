package org.rnn4j.examples.training;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.core.train.TrainingState;

/**
 * Ends training at a step boundary when a stop is requested (by a signal, {@link StopOnSignal}):
 * after each step it polls the request, and if set, throws {@link Stopped} with the trainer's
 * position, which (as during any {@code onStep}) is a complete step to resume from bit for bit.
 * A listener's exception ends {@link Trainer}'s loop, as its contract says; add this listener
 * last, so that the others (the curve, a checkpoint every N steps) have seen the step.
 */
final class StopAtStep implements TrainingListener {

    /** Thrown out of the trainer when a stop was requested. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient TrainingState state;

        private Stopped(TrainingState state) {
            super("stop requested", null, false, false);
            this.state = state;
        }

        /** @return the run as it ended: the position after the last step, to save and resume */
        TrainingResult result() {
            return new TrainingResult(StopReason.STEP_LIMIT, "stopped on request after step " + state.step(),
                    state.step(), state.history(), state, null);
        }
    }

    private final Trainer trainer;
    private final BooleanSupplier requested;

    /**
     * @param trainer the trainer whose position is saved
     * @param requested polled after every step
     */
    StopAtStep(Trainer trainer, BooleanSupplier requested) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.requested = Objects.requireNonNull(requested, "requested");
    }

    @Override
    public void onStep(StepEvent s) {
        if (requested.getAsBoolean()) {
            throw new Stopped(trainer.state());
        }
    }
}
