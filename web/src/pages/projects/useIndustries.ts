import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects';

/** GB/T 4754 门类 with their 大类, as tree data for TreeSelect (both levels selectable). */
export function useIndustryTree() {
  const { data } = useQuery({ queryKey: ['industries'], queryFn: projectsApi.industries, staleTime: Infinity });
  return useMemo(() => {
    const items = data ?? [];
    return items
      .filter((i) => i.level === 'section')
      .map((s) => ({
        value: s.code,
        title: `${s.code} ${s.name}`,
        children: items
          .filter((d) => d.parentCode === s.code)
          .map((d) => ({ value: d.code, title: `${d.code} ${d.name}` })),
      }));
  }, [data]);
}
