/** ProTable rethrows request errors unless told otherwise; the API client has already shown the message. */
export function onTableError(): void {
  // nothing more to do
}
