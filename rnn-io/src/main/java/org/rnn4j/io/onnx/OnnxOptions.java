package org.rnn4j.io.onnx;

import org.rnn4j.api.Precision;

/**
 * How {@link OnnxExport} writes a model.
 *
 * @param opset the version of ONNX's default operator set, {@value #MIN_OPSET} to
 *     {@value #MAX_OPSET}
 * @param precision the element type of the weights, inputs and outputs
 * @param sequenceLens whether the graph takes a {@code sequence_lens} input (int32, one length
 *     per sequence of the batch) for padded batches
 * @param states whether the graph takes each recurrent layer's initial state as inputs (besides
 *     giving its final state as outputs, which it always does)
 */
public record OnnxOptions(int opset, Precision precision, boolean sequenceLens, boolean states) {

    /** The lowest opset written: 14 (the version of RNN, LSTM and GRU with the layout attribute). */
    public static final int MIN_OPSET = 14;
    /** The highest opset written. */
    public static final int MAX_OPSET = 21;
    /** The opset when none is chosen. */
    public static final int DEFAULT_OPSET = 14;

    /**
     * The ONNX element type of a precision: FLOAT (weights cast from rnn4j's doubles; what serving
     * runtimes run fastest; exact for a float32 network) or DOUBLE (the weights exactly; see the
     * README for which runtimes run it).
     *
     * @param precision the precision
     * @return ONNX's element type
     */
    static int elemType(Precision precision) {
        return precision == Precision.FLOAT32 ? OnnxGraph.FLOAT : OnnxGraph.DOUBLE;
    }

    /** Checks the opset. */
    public OnnxOptions {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("the ONNX opset must be " + MIN_OPSET + " to " + MAX_OPSET + ", got "
                    + opset);
        }
        if (precision == null) {
            throw new IllegalArgumentException("the precision must be float32 or float64, got none");
        }
    }

    /** @return opset {@value #DEFAULT_OPSET}, float32, with {@code sequence_lens} and initial states */
    public static OnnxOptions defaults() {
        return new OnnxOptions(DEFAULT_OPSET, Precision.FLOAT32, true, true);
    }

    /**
     * @param newOpset the opset
     * @return these options with another opset
     */
    public OnnxOptions withOpset(int newOpset) {
        return new OnnxOptions(newOpset, precision, sequenceLens, states);
    }

    /**
     * @param newPrecision the precision
     * @return these options with another precision
     */
    public OnnxOptions withPrecision(Precision newPrecision) {
        return new OnnxOptions(opset, newPrecision, sequenceLens, states);
    }
}
