/** alloc4j training. */
package org.alloc4j.training;
