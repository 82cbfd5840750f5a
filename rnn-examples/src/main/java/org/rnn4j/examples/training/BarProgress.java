package org.rnn4j.examples.training;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.TrainingPlan;
import org.rnn4j.core.train.TrainingResult;

/**
 * Progress as a bar on the terminal (me.tongfei progressbar, on standard error): percent, step
 * out of the total, elapsed time and ETA, then the epoch, the recent training loss, the
 * validation loss and characters per second.
 *
 * <pre>
 * train  47% [=======&gt;      ]  880/1875 (0:00:09 / 0:00:10) epoch 8/15 train 0.452 val 0.450 33k chars/s
 * </pre>
 */
final class BarProgress extends Progress {

    private ProgressBar bar;

    @Override
    public void onTrainStart(TrainingPlan p) {
        super.onTrainStart(p);
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(p.totalSteps())
                .startsFrom(p.startStep(), Duration.ZERO).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).build();
    }

    @Override
    public void onStep(StepEvent s) {
        super.onStep(s);
        bar.stepTo(s.step());
        bar.setExtraMessage(shortNumbers());
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        super.onEpochEnd(m);
        if (last != null) {
            bar.setExtraMessage(shortNumbers());
        }
    }

    @Override
    public void onTrainEnd(TrainingResult r) {
        bar.close();
    }

    @Override
    public void message(String line) {
        // Clear the bar's line, print ours; the bar redraws itself below it.
        System.err.print("\r\033[K" + line + System.lineSeparator());
        System.err.flush();
    }
}
