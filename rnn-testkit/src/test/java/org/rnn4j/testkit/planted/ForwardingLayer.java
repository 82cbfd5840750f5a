package org.rnn4j.testkit.planted;

import java.util.List;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/** A layer that hands every call to another; planted bugs override one method. */
class ForwardingLayer implements Layer {

    final Layer delegate;

    ForwardingLayer(Layer delegate) {
        this.delegate = delegate;
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public int inputSize() {
        return delegate.inputSize();
    }

    @Override
    public int outputSize() {
        return delegate.outputSize();
    }

    @Override
    public List<Parameter> parameters() {
        return delegate.parameters();
    }

    @Override
    public int[] stateSizes() {
        return delegate.stateSizes();
    }

    @Override
    public Sequence forward(Sequence x, State initial) {
        return delegate.forward(x, initial);
    }

    @Override
    public State finalState() {
        return delegate.finalState();
    }

    @Override
    public Sequence backward(Sequence dy) {
        return delegate.backward(dy);
    }

    @Override
    public State initialStateGradient() {
        return delegate.initialStateGradient();
    }
}
