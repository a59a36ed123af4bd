/**
 * HDP's aggregate functions over uint256 values, with the exact semantics of HDP's Cairo program:
 * AVG rounds half up, sums overflowing 256 bits are errors, COUNT compares unsigned (hdp.md §3.3).
 */
package dev.hdp.core.compute;
