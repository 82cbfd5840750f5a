/**
 * Character-level language models as min-char-rnn and char-rnn make them: the vocabulary (the
 * sorted characters of a text), one-hot inputs, a text read as strict UTF-8, and sampling with
 * a temperature.
 */
package org.rnn4j.examples.charlm;
