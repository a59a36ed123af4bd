/**
 * Chain data sources and the preprocessor that turns a request into verified values, results,
 * roots, a batch file and a Cairo input.
 */
package dev.hdp.preprocess;
