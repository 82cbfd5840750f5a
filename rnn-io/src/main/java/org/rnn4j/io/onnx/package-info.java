/**
 * ONNX export: {@link org.rnn4j.io.onnx.OnnxExport} turns a saved model into an ONNX graph
 * ({@link org.rnn4j.io.onnx.OnnxGraph}) that ONNX Runtime and other serving stacks run, checked
 * by {@link org.rnn4j.io.onnx.OnnxValidation} and written with a small protocol-buffers
 * encoder of the few ONNX messages it needs (no protobuf library).
 */
package org.rnn4j.io.onnx;
