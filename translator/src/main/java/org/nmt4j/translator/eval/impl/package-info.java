/**
 * Building blocks of the metrics in {@code org.nmt4j.translator.eval}: the mteval-v13a
 * tokenizer, Python-compatible whitespace handling and number formatting, n-gram counting and
 * strict UTF-8 line reading. Callers normally use the package root instead.
 */
package org.nmt4j.translator.eval.impl;
