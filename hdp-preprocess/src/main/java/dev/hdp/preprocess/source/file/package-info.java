/**
 * An offline {@link dev.hdp.preprocess.source.ChainDataSource}: the {@code chain-data.json} files
 * that record, as plain hex, every header, MMR proof and trie proof a batch needs.
 */
package dev.hdp.preprocess.source.file;
