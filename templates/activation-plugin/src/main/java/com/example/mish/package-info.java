/** The {@code mish} activation, an rnn4j plug-in. */
package com.example.mish;
