/**
 * rnn4j's file formats. Today: numeric sequences from CSV ({@link org.rnn4j.io.csv}: the long
 * format of sequence classification, regression and tagging, and the single series of
 * forecasting), the values they become with splits by sequence and in time and feature
 * standardisation ({@link org.rnn4j.io.data}), and the embedded generated benchmarks that
 * produce the same values without a download ({@link org.rnn4j.io.synthetic}), model and
 * checkpoint files ({@link org.rnn4j.io.model}: safetensors with PyTorch's tensor names, JSON
 * headers through jackson-jr), and ONNX export ({@link org.rnn4j.io.onnx}), for serving outside
 * the JVM.
 */
module org.rnn4j.io {
    requires transitive org.rnn4j.core;
    requires org.apache.commons.csv;
    requires com.fasterxml.jackson.jr.ob;

    exports org.rnn4j.io.csv;
    exports org.rnn4j.io.data;
    exports org.rnn4j.io.model;
    exports org.rnn4j.io.onnx;
    exports org.rnn4j.io.synthetic;
}
