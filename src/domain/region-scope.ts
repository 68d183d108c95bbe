/**
 * Region scope: a user sees and changes only the subtree of their home region. Regions carry a
 * materialised path such as "/650000/650100/650109/"; a region is in scope when its path starts
 * with the home region's path.
 */
export function buildRegionPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

export function isPathWithin(scopePath: string, objectPath: string): boolean {
  // a scope path always ends with '/', so /650000/6501/ can never match /650000/650100/
  const scope = scopePath.endsWith('/') ? scopePath : `${scopePath}/`;
  return objectPath.startsWith(scope);
}
