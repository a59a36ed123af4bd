/**
 * Where chain data comes from: the {@link dev.hdp.preprocess.source.ChainDataSource} interface and
 * the raw, still unverified proof material it returns. Nothing here is trusted; the preprocessor
 * verifies every item before it uses a value.
 */
package dev.hdp.preprocess.source;
