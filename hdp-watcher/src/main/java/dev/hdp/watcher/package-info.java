/** The operator node: event watcher, request server, task store, scheduled stages and provers. */
package dev.hdp.watcher;
