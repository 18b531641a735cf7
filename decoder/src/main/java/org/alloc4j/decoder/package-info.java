/** alloc4j decoder. */
package org.alloc4j.decoder;
