/**
 * Internal, not API: the routing parts socket types are made of (load balancer, fair queue, distributor,
 * subscription trie, routing table), free of Netty types. It may change in any release.
 */
package io.jzmtp.routing;
