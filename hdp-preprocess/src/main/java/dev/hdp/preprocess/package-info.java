/**
 * The preprocessor: request → verified values → results → task and result roots → the batch file
 * and the Gen2 Cairo input. Chain data comes from a {@link
 * dev.hdp.preprocess.source.ChainDataSource}.
 */
package dev.hdp.preprocess;
