import { useEffect, useMemo, useState, type Key } from 'react';
import { Card, Col, Row, Tag, Tree, type TreeDataNode } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useMe } from '../../auth/session';
import { levelName } from '../../components/labels';
import { useRegionTree, type RegionNode } from '../../components/useRegionTree';
import { useI18n, type Translate } from '../../i18n';
import { RegionDetail } from './RegionDetail';

const LEVEL_COLORS: Record<string, string> = { province: 'red', prefecture: 'orange', county: 'blue', park: 'green' };

function buildTree(nodes: RegionNode[], parent: string | null, rootCode: string, t: Translate): TreeDataNode[] {
  return nodes
    .filter((n) => (parent === null ? n.code === rootCode : n.parentCode === parent))
    .map((n) => ({
      key: n.code,
      isLeaf: n.isLeaf,
      title: (
        <span>
          {n.name} <Tag color={LEVEL_COLORS[n.level]} style={{ marginInlineStart: 4 }}>{levelName(t, n.level)}</Tag>
        </span>
      ),
      children: n.isLeaf ? undefined : buildTree(nodes, n.code, rootCode, t),
    }));
}

/** 地区与园区: the region tree on the left, the selected region and its parks on the right. */
export default function Regions() {
  const me = useMe();
  const { t } = useI18n();
  const { nodes, loadChildren, rootCode } = useRegionTree(me);
  const [selected, setSelected] = useState<string>(me.regionCode);
  const [expanded, setExpanded] = useState<Key[]>([me.regionCode]);

  useEffect(() => {
    void loadChildren(rootCode).catch(() => undefined);
  }, [loadChildren, rootCode]);

  const treeData = useMemo(() => buildTree(nodes, null, rootCode, t), [nodes, rootCode, t]);
  const selectedNode = nodes.find((n) => n.code === selected);

  return (
    <PageContainer>
      <Row gutter={16}>
        <Col xs={24} md={9} lg={7}>
          <Card title={t('region.tree')} styles={{ body: { maxHeight: 'calc(100vh - 260px)', overflow: 'auto' } }}>
            <Tree
              treeData={treeData}
              selectedKeys={[selected]}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys)}
              onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
              loadData={(node) => loadChildren(String(node.key))}
              blockNode
            />
          </Card>
        </Col>
        <Col xs={24} md={15} lg={17}>
          <RegionDetail
            code={selected}
            onParksChanged={() => {
              const parent = selectedNode?.level === 'park' ? selectedNode.parentCode : selected;
              if (parent) void loadChildren(parent, true).catch(() => undefined);
            }}
          />
        </Col>
      </Row>
    </PageContainer>
  );
}
