/**
 * Jackson binding of the YAML config: the default config's tree serves as the schema for unknown
 * keys and value types, mix-ins name the model records' keys.
 */
package org.nmt4j.translator.config.yaml;
