import { useEffect, useState } from 'react';
import { locationService } from '@grafana/runtime';

/** The current path and query parameters, updated on navigation (Grafana's history). */
export function useAppLocation(): { pathname: string; params: URLSearchParams } {
  const read = () => {
    const loc = locationService.getLocation();
    return { pathname: loc.pathname, params: new URLSearchParams(loc.search) };
  };
  const [loc, setLoc] = useState(read);
  useEffect(() => locationService.getHistory().listen(() => setLoc(read())), []);
  return loc;
}
