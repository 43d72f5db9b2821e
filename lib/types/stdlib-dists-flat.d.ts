// Types for the part of stdlib's distributions bundle we call (the package ships none).
declare module "@stdlib/dist-stats-base-dists-flat" {
  interface Distribution {
    cdf(x: number, ...params: number[]): number;
    quantile(p: number, ...params: number[]): number;
  }
  const bundle: { base: { dists: { f: Distribution; chisquare: Distribution } } };
  export default bundle;
}
