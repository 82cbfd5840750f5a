package org.rnn4j.io.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;

/**
 * Every way a model file can be broken that the loader must reject, each with a fragment of the
 * message it must give. Each case starts from a valid file and damages one thing, so the case
 * fails for its own reason only. The same bytes are the fuzzer's seed corpus
 * ({@code ModelFileFuzzTestInputs}); {@link SeedCorpusTest} keeps the two in step.
 */
final class BrokenFiles {

    /**
     * @param bytes the file
     * @param expected a fragment the one-line message must contain
     */
    record Case(byte[] bytes, String expected) {
    }

    private BrokenFiles() {
    }

    /** A valid two-layer elman model with a vocabulary. */
    static byte[] validUniform() {
        return ModelFile.toBytes(new SavedModel(Nets.uniform(3), Nets.VOCABULARY));
    }

    /** A valid two-layer elman model with a vocabulary, in float32: F32 tensors. */
    static byte[] validFloat32() {
        return ModelFile.toBytes(new SavedModel(Nets.uniform(3).to(Precision.FLOAT32), Nets.VOCABULARY));
    }

    /** A valid mixed stack. */
    static byte[] validMixed() {
        return ModelFile.toBytes(SavedModel.of(Nets.mixed(4)));
    }

    /** A valid checkpoint: the uniform model after one Adam step. */
    static byte[] validCheckpoint() {
        Network net = Nets.uniform(3);
        Optimizer adam = Nets.REGISTRY.optimizer("adam").create(new Options("optimizer 'adam'", Map.of("lr", "0.01")));
        net.gradients(Nets.oneHot(1, 4, 2, 5), Nets.oneHot(2, 4, 2, 5), null);
        adam.step(net.parameters());
        return CheckpointFile.toBytes(new Checkpoint(new SavedModel(net, Nets.VOCABULARY), adam, Map.of("lr", "0.01"),
                Map.of("epoch", "0", "step", "1")));
    }

    /** The valid files of the corpus, by name. */
    static Map<String, Supplier<byte[]>> valid() {
        Map<String, Supplier<byte[]>> m = new LinkedHashMap<>();
        m.put("valid-uniform", BrokenFiles::validUniform);
        m.put("valid-mixed", BrokenFiles::validMixed);
        m.put("valid-checkpoint", BrokenFiles::validCheckpoint);
        m.put("valid-gated", () -> ModelFile.toBytes(SavedModel.of(Nets.gated(9))));
        m.put("valid-bidirectional", () -> ModelFile.toBytes(SavedModel.of(Nets.bidirectional(10))));
        m.put("valid-float32", BrokenFiles::validFloat32);
        return m;
    }

    /** The broken files, by name. */
    static Map<String, Case> cases() {
        Map<String, Case> m = new LinkedHashMap<>();
        byte[] good = validUniform();

        m.put("bad-empty", new Case(new byte[0], "the file is 0 bytes long; a safetensors file starts with an 8-byte"));
        m.put("bad-too-short", new Case(Arrays.copyOf(good, 5), "the file is 5 bytes long"));
        m.put("bad-truncated-in-header", new Case(Arrays.copyOf(good, 40), "goes beyond the end of the file"));
        m.put("bad-truncated-in-data", new Case(Arrays.copyOf(good, good.length - 12),
                "outside the data section"));
        m.put("bad-header-length-huge", new Case(RawFile.concat(RawFile.length(1L << 40), Arrays.copyOfRange(good, 8,
                good.length)), "the header length 1099511627776 goes beyond the end of the file"));
        m.put("bad-header-length-negative", new Case(RawFile.concat(RawFile.length(-1), Arrays.copyOfRange(good, 8,
                good.length)), "the header length 18446744073709551615 goes beyond the end of the file"));
        m.put("bad-header-length-zero", new Case(RawFile.concat(RawFile.length(0), Arrays.copyOfRange(good, 8,
                good.length)), "the header is 0 bytes long; it must hold a JSON object"));
        RawFile f = RawFile.parse(good);
        m.put("bad-header-not-json", new Case(f.withHeader("{\"rnn.weight_ih_l0\": {\"dtype\": F64}}"),
                "the header is not valid JSON: Unrecognized token 'F64'"));
        m.put("bad-header-not-object", new Case(f.withHeader("[1, 2, 3]"),
                "the header does not start with '{' (found '['); it must be a JSON object"));
        String header = new String(f.bytes(), 8, f.bytes().length - 8 - f.data.length, StandardCharsets.UTF_8);
        m.put("bad-header-trailing-garbage", new Case(f.withHeader(header + " {}"),
                "the header has more after its JSON value"));
        m.put("bad-header-duplicate-key", new Case(f.withHeader(header.replace("\"rnn.bias_hh_l1\"",
                "\"rnn.bias_hh_l0\"")), "the header is not valid JSON: Duplicate key"));
        m.put("bad-header-deep-nesting", new Case(f.withHeader("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000)
                + "}"), "the header is not valid JSON: Document nesting depth (1001) exceeds the maximum allowed"));
        m.put("bad-header-huge-number", new Case(f.withHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[" + "9".repeat(5000)
                + "],\"data_offsets\":[0,8]}}"), "the header is not valid JSON: Number value length (5000) exceeds"));
        byte[] notUtf8 = RawFile.parse(good).bytes();
        notUtf8[8 + header.indexOf("tanh")] = (byte) 0xC3;
        notUtf8[8 + header.indexOf("tanh") + 1] = (byte) 0x28;
        m.put("bad-header-not-utf8", new Case(notUtf8, "the header is not valid UTF-8"));

        m.put("bad-offsets-out-of-range", edit(good, r -> r.tensor("decoder.bias").put("data_offsets",
                List.of(r.offsets("decoder.bias")[0], r.data.length + 8L)), "outside the data section of"));
        m.put("bad-offsets-negative", edit(good, r -> r.tensor("decoder.bias").put("data_offsets", List.of(-8, 32)),
                "data_offsets entry 0 is -8; it must be in [0, "));
        m.put("bad-offsets-overlap", edit(good, r -> {
            long[] o = r.offsets("rnn.bias_hh_l0");
            r.tensor("rnn.bias_hh_l0").put("data_offsets", List.of(o[0] - 8, o[1] - 8));
        }, "the tensors overlap"));
        m.put("bad-offsets-gap", edit(good, r -> {
            long[] o = r.offsets("decoder.bias");
            r.tensor("decoder.bias").put("data_offsets", List.of(o[0] + 8, o[1] + 8));
            r.data = Arrays.copyOf(r.data, r.data.length + 8);
        }, "there is a gap"));
        m.put("bad-offsets-not-covering", edit(good, r -> r.data = Arrays.copyOf(r.data, r.data.length + 16),
                "the rest of the file is not described by the header"));
        m.put("bad-offsets-size-mismatch", edit(good, r -> r.tensor("rnn.weight_ih_l0").put("shape", List.of(3, 4)),
                "tensor 'rnn.weight_ih_l0' of shape [3, 4] and dtype F64 needs 96 bytes, but its data_offsets"));
        m.put("bad-shape-overflow", edit(good, r -> r.tensor("rnn.weight_ih_l0").put("shape",
                List.of(1L << 62, 1L << 62, 4)), "needs more than 120 bytes"));
        m.put("bad-shape-not-integer", edit(good, r -> r.tensor("decoder.bias").put("shape", List.of(2.5, 2)),
                "tensor 'decoder.bias' shape entry 0 is the number 2.5; it must be a whole number"));
        m.put("bad-entry-unknown-field", edit(good, r -> r.tensor("decoder.bias").put("requires_grad", true),
                "tensor 'decoder.bias' has an unknown field 'requires_grad'"));
        m.put("bad-entry-not-object", edit(good, r -> r.header.put("decoder.bias", List.of(1, 2)),
                "tensor 'decoder.bias' is a list; it must be an object"));
        m.put("bad-f32-spanning-f64-bytes", edit(good, r -> r.tensor("decoder.bias").put("dtype", "F32"),
                "tensor 'decoder.bias' of shape [5] and dtype F32 needs 20 bytes, but its data_offsets"));
        m.put("bad-dtype-f16", edit(good, r -> r.tensor("decoder.bias").put("dtype", "F16"),
                "tensor 'decoder.bias' has dtype F16; rnn4j files hold F32 (float32) and F64 (float64) tensors only"));
        m.put("bad-precision", metadata(good, "precision", s -> "float16",
                "metadata 'precision' is 'float16'; it must be float32 or float64"));
        byte[] good32 = validFloat32();
        m.put("bad-f32-truncated-in-data", new Case(Arrays.copyOf(good32, good32.length - 4),
                "outside the data section"));
        m.put("bad-f32-nan-weight", edit(good32, r -> r.setFloat("rnn.weight_hh_l1", 4, Float.NaN),
                "tensor 'rnn.weight_hh_l1' holds NaN at index 4; only finite values are allowed"));
        m.put("bad-f32-infinite-weight", edit(good32, r -> r.setFloat("decoder.bias", 0, Float.POSITIVE_INFINITY),
                "tensor 'decoder.bias' holds Infinity at index 0"));
        m.put("bad-f32-hollow-weight-hh", new Case(HollowFiles.oneLayer("elman", false, 1, 300, "rnn.weight_hh_l0",
                false, "F32"), "recurrent layer 0 (elman, 1 -> 300) needs 90900 values, but the file holds 1201 "
                + "values in all"));
        m.put("bad-dtype-unknown", edit(good, r -> r.tensor("decoder.bias").put("dtype", "F65"),
                "has dtype 'F65'; safetensors dtypes are [BF16, BOOL"));
        m.put("bad-shape-disagrees-before-building", edit(good, r -> r.tensor("rnn.weight_hh_l0").put("shape",
                List.of(9, 1)), "tensor 'rnn.weight_hh_l0' has shape [9, 1] but recurrent layer 0 (elman, 5 -> 3)'s weight_hh"
                + " has shape [3, 3]"));
        m.put("bad-shape-disagrees", edit(good, r -> r.tensor("decoder.weight").put("shape", List.of(3, 5)),
                "tensor 'decoder.weight' has shape [3, 5] but output layer (dense, 3 -> 5)'s weight has shape [5, 3]"));
        m.put("bad-unknown-cell", metadata(good, "layers", s -> s.replace("elman", "indrnn"),
                "no layer named 'indrnn' is installed; installed layers: dense, elman, embedding, gru, last_step, lstm, "
                        + "max_pool, mean_pool (org.rnn4j.core)"));
        m.put("bad-unknown-activation", metadata(good, "layers", s -> s.replace("tanh", "swish"),
                "no activation named 'swish' is installed; installed activations: elu, hard_sigmoid, identity"));
        m.put("bad-escape-codes-in-plugin-name", metadata(good, "layers", s -> s.replace("tanh", "\\u001b[31mtanh\\u009b"),
                "no activation named '\\u001b[31mtanh\\u009b' is installed"));
        m.put("bad-unknown-loss", metadata(good, "loss", s -> "hinge", "no loss named 'hinge' is installed"));
        m.put("bad-bad-option", metadata(good, "output", s -> s.replace("{}", "{\"bias\":\"maybe\"}"),
                "bias must be true or false, got 'maybe'"));
        m.put("bad-nan-weight", edit(good, r -> r.setValue("rnn.weight_hh_l1", 4, Double.NaN),
                "tensor 'rnn.weight_hh_l1' holds NaN at index 4; only finite values are allowed"));
        m.put("bad-infinite-weight", edit(good, r -> r.setValue("decoder.bias", 0, Double.NEGATIVE_INFINITY),
                "tensor 'decoder.bias' holds -Infinity at index 0"));
        m.put("bad-bias-sum-overflows", edit(good, r -> r.setValue("rnn.bias_ih_l0", 1, Double.MAX_VALUE)
                .setValue("rnn.bias_hh_l0", 1, Double.MAX_VALUE), "overflow to Infinity at index 1"));
        m.put("bad-lying-hidden-size", metadata(good, "layers", s -> s.replace("\"size\":3", "\"size\":100000"),
                "recurrent layer 0 (elman, 5 -> 100000) needs 10000700000 values, but the file holds 74 values in all"));
        m.put("bad-lying-input-size", edit(good, r -> {
            r.metadata().put("input_size", "2000000000");
            r.metadata().remove("vocabulary");
        }, "recurrent layer 0 (elman, 2000000000 -> 3) needs 6000000015 values, but the file holds 74"));
        m.put("bad-hollow-weight-hh", new Case(HollowFiles.oneLayer("elman", false, 1, 300, "rnn.weight_hh_l0", false),
                "recurrent layer 0 (elman, 1 -> 300) needs 90900 values, but the file holds 1201 values in all"));
        m.put("bad-hollow-weight-hh-padded", new Case(HollowFiles.oneLayer("lstm", true, 2, 20, "rnn.weight_hh_l0_reverse",
                true), "tensor 'rnn.weight_hh_l0_reverse' has shape [0, 20] but recurrent layer 0 (lstm, 2 -> 40)'s "
                + "weight_hh_reverse has shape [80, 20]"));
        m.put("bad-missing-tensor", edit(good, r -> r.header.put("rnn.bias_hh_l7", r.header.remove("rnn.bias_hh_l1")),
                "there is no tensor 'rnn.bias_hh_l1' for recurrent layer 1 (elman, 3 -> 3)'s bias of shape [3]"));
        m.put("bad-extra-tensor", edit(good, r -> {
            r.header.put("rnn.extra", entry(List.of(1), r.data.length, r.data.length + 8));
            r.data = Arrays.copyOf(r.data, r.data.length + 8);
        }, "tensor 'rnn.extra' belongs to no parameter of the network; its tensors are [rnn.weight_ih_l0"));
        m.put("bad-no-metadata", edit(good, r -> r.header.remove("__metadata__"),
                "is a safetensors file without rnn4j metadata"));
        m.put("bad-metadata-not-strings", edit(good, r -> r.metadata().put("num_layers", 2),
                "__metadata__ entry 'num_layers' is the number 2; metadata values must be strings"));
        m.put("bad-format", metadata(good, "format", s -> "pickle", "metadata 'format' is 'pickle'"));
        m.put("bad-format-version", metadata(good, "format_version", s -> "2",
                "metadata 'format_version' is '2'; this rnn4j reads version 1"));
        m.put("bad-layers-not-json", metadata(good, "layers", s -> "[{", "metadata 'layers' is not valid JSON"));
        m.put("bad-layer-entry", metadata(good, "layers", s -> "[{\"kind\":\"elman\",\"size\":-3,\"options\":{}}]",
                "metadata 'layers' entry 0 'size' must be a whole number in [1, 2147483647]"));
        m.put("bad-derived-disagrees", metadata(good, "num_layers", s -> "3",
                "metadata 'num_layers' is '3' but the layers it describes give '2'"));
        m.put("bad-nonlinearity-disagrees", metadata(good, "nonlinearity", s -> "relu",
                "metadata 'nonlinearity' is 'relu' but the layers it describes give 'tanh'"));
        m.put("bad-dropout", edit(good, r -> r.metadata().put("dropout", "1.5"),
                "metadata 'dropout' is '1.5'; it must be a number in [0, 1)"));
        m.put("bad-seed", edit(good, r -> r.metadata().put("seed", "0x2a"),
                "metadata 'seed' is '0x2a'; it must be a whole number in [-9223372036854775808, 9223372036854775807]"));
        m.put("bad-vocabulary", metadata(good, "vocabulary", s -> "abc",
                "the vocabulary has 3 characters but the network reads 5 features"));
        m.put("bad-control-chars-in-name", edit(good, r -> {
            r.header.put("evil\n\u0007name", entry(List.of(), r.data.length, r.data.length + 8));
            r.data = Arrays.copyOf(r.data, r.data.length + 8);
        }, "tensor 'evil\\u000a\\u0007name' belongs to no parameter"));
        return m;
    }

    /** A tensor entry, its fields in the usual order. */
    private static Map<String, Object> entry(List<Integer> shape, int begin, int end) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("dtype", "F64");
        e.put("shape", shape);
        e.put("data_offsets", List.of(begin, end));
        return e;
    }

    private static Case edit(byte[] good, Consumer<RawFile> damage, String expected) {
        RawFile r = RawFile.parse(good);
        damage.accept(r);
        return new Case(r.bytes(), expected);
    }

    private static Case metadata(byte[] good, String key, UnaryOperator<String> change,
            String expected) {
        return edit(good, r -> r.metadata().put(key, change.apply((String) r.metadata().get(key))), expected);
    }
}
