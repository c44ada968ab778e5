/**
 * One request, end to end: the execution state machine ({@code RequestExecution}) with its two
 * drivers ({@code BlockingRequest} parks the caller, {@code AsyncRequest} steps on the callback
 * executor), one attempt per node tried ({@code Attempt}), what an answer becomes ({@code
 * ResponseMapper}, {@code Outcome}), the statement's message template ({@code RequestTemplate}),
 * and what a request needs from its session ({@code RequestContext}). Also the driver's own
 * requests on a chosen connection ({@code DirectRequests}). Not exported.
 */
package io.loomcql.cluster.internal.request;
