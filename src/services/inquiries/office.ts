/** The name the investor sees for the office that handles a region's inquiries and complaints (never an officer's name). */
export function nameOffice(regionName: string): string {
  return `${regionName}招商引资服务窗口`;
}
