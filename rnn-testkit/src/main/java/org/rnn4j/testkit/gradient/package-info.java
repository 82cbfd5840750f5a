/**
 * The gradient checker: analytic gradients held against central finite differences in double,
 * element by element, with DL4J's pass rule and a report of the first element that disagrees.
 */
package org.rnn4j.testkit.gradient;
