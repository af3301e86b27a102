/** The language model file: manifest, architecture, vocabulary, weights (translator's layout). */
package org.nmt4j.lm.io;
