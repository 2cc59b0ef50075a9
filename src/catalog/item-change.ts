/**
 * Told before a product or listing changes or is deleted; the function it returns is called once
 * the change has committed (the room cart uses it to tell the rooms showing the item to reload).
 */
export type ItemChange = (ref: { productId: string } | { listingId: string }) => Promise<() => Promise<void>>;
