import { Alert, Button, Descriptions, Drawer, Space, Tabs, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { can } from '../../access';
import type { ChainNode, NodeCoverage } from '../../api/chains';
import { PIPELINE } from '../../api/projects';
import { formatYuan } from '../../components/money';
import { usePhone } from '../../components/responsive';
import { useIndustryTitles } from '../../components/useIndustryTree';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n';
import { scoredPath } from '../targets/labels';
import { stageName } from '../projects/labels';
import { segmentName, StatusTag } from './coverage';
import { NodeEnterprises, NodeProjects } from './NodeRecords';

interface Props {
  chainCode: string;
  node: ChainNode | null;
  nodes: readonly ChainNode[];
  /** null while coverage is not loaded (or not available): the drawer shows the node's definition only */
  coverage: NodeCoverage | null;
  regionCode: string;
  regionName: string | null;
  onOpen: (code: string) => void;
  onClose: () => void;
}

/** One node: its codes (with the industries' names), products, local coverage with the rule, and its enterprises and projects. */
export function ChainNodeDrawer({ chainCode, node, nodes, coverage, regionCode, regionName, onOpen, onClose }: Props) {
  const { t } = useI18n();
  const phone = usePhone();
  const canTarget = can(useMe(), 'targeting.read');
  const navigate = useNavigate();
  const industries = useIndustryTitles();
  const parent = node?.parentCode ? nodes.find((n) => n.code === node.parentCode) : undefined;
  const children = node ? nodes.filter((n) => n.parentCode === node.code) : [];

  return (
    <Drawer
      open={node !== null}
      onClose={onClose}
      width={phone ? '100%' : 680}
      title={node ? <span data-testid="node-drawer-title">{node.name}</span> : null}
      destroyOnClose
      data-testid="node-drawer"
    >
      {node && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          {canTarget && (
            <Button type="primary" icon={<AimOutlined />} onClick={() => navigate(scoredPath(chainCode, node.code))} data-testid="node-find-targets">
              {t('chains.node.findTargets')}
            </Button>
          )}
          <Descriptions column={1} size="small" bordered labelStyle={{ width: phone ? 96 : 120 }}>
            <Descriptions.Item label={t('chains.node.code')}>{node.code}</Descriptions.Item>
            <Descriptions.Item label={t('chains.node.segment')}>{segmentName(t, node.segment)}</Descriptions.Item>
            <Descriptions.Item label={t('chains.node.parent')}>
              {parent ? (
                <Typography.Link onClick={() => onOpen(parent.code)}>{parent.name}</Typography.Link>
              ) : (
                (node.parentCode ?? '—')
              )}
            </Descriptions.Item>
            {children.length > 0 && (
              <Descriptions.Item label={t('chains.node.children')}>
                <Space size={[8, 4]} wrap>
                  {children.map((c) => (
                    <Typography.Link key={c.code} onClick={() => onOpen(c.code)}>
                      {c.name}
                    </Typography.Link>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('chains.node.industries')}>
              {node.industryCodes.length ? (
                <Space direction="vertical" size={2} data-testid="node-industries">
                  {node.industryCodes.map((c) => (
                    <span key={c}>{industries.get(c) ?? c}</span>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('chains.node.noIndustries')}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('chains.node.products')}>
              {node.products.length ? (
                <Space size={[4, 4]} wrap>
                  {node.products.map((p) => (
                    <Tag key={p} bordered={false} style={{ marginInlineEnd: 0 }}>
                      {p}
                    </Tag>
                  ))}
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>

          {coverage && (
            <div data-testid="node-coverage">
              <Typography.Title level={5}>{t('chains.node.coverageIn', { region: regionName ?? regionCode })}</Typography.Title>
              <Alert type="info" message={<StatusTag t={t} status={coverage.status} />} description={coverage.rule} style={{ marginBottom: 12 }} />
              <Descriptions column={phone ? 1 : 2} size="small" bordered>
                <Descriptions.Item label={t('chains.cov.enterprises')}>
                  {coverage.enterprises}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    {t('chains.cov.byIndustry', { n: coverage.enterprisesByIndustry })}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('chains.cov.funds')}>{formatYuan(coverage.fundsYuan, '—')}</Descriptions.Item>
                <Descriptions.Item label={t('chains.cov.projects')} span={phone ? 1 : 2}>
                  <Space size={[12, 4]} wrap>
                    <strong>{coverage.projects.total}</strong>
                    {PIPELINE.map((s) => (
                      <span key={s}>
                        {stageName(t, s)} {coverage.projects[s as Exclude<typeof s, 'terminated'>]}
                      </span>
                    ))}
                  </Space>
                </Descriptions.Item>
              </Descriptions>
            </div>
          )}

          {coverage && (
            <Tabs
              items={[
                {
                  key: 'enterprises',
                  label: t('chains.node.enterprisesTab', { n: coverage.enterprises }),
                  children: <NodeEnterprises chainCode={chainCode} nodeCode={node.code} regionCode={regionCode} />,
                },
                {
                  key: 'projects',
                  label: t('chains.node.projectsTab', { n: coverage.projects.total }),
                  children: <NodeProjects chainCode={chainCode} nodeCode={node.code} regionCode={regionCode} />,
                },
              ]}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
