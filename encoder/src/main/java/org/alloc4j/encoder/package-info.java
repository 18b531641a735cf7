/** alloc4j encoder. */
package org.alloc4j.encoder;
