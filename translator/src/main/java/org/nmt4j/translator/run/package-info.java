/**
 * A training run in its output directory: {@link org.nmt4j.translator.run.RunDirectory} (the
 * directory's files: interrupted writes, reset, resume, the recorded config and data
 * files), {@link org.nmt4j.translator.run.TrainingRun} (config ->
 * data -> model -> trainer -> model file, from a {@link org.nmt4j.translator.run.RunInput}) and
 * the crash-proof {@link org.nmt4j.translator.run.TrainingCsvLog}. The command line, the tests
 * and JVM programs train through it.
 */
package org.nmt4j.translator.run;
