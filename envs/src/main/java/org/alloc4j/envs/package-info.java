/** Environments: instance generators, feasibility masks, independent checkers and exact objectives. */
package org.alloc4j.envs;
