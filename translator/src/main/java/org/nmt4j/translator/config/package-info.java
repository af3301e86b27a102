/**
 * Validated, immutable configuration records of a training run ({@link
 * org.nmt4j.translator.config.ExperimentConfig} = data + model + training) and their YAML form
 * ({@link org.nmt4j.translator.config.ConfigYaml}).
 */
package org.nmt4j.translator.config;
