/** Cairo 0 on the JVM, general purpose: it knows nothing of HDP. */
package dev.hdp.cairo;
