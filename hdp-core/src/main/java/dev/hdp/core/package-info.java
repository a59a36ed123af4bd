/** The HDP domain: pure, deterministic code with no I/O. */
package dev.hdp.core;
