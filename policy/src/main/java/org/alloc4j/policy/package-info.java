/** alloc4j policy. */
package org.alloc4j.policy;
