export interface PageHeaderProps {
  /** What the page is, as WeChat's navigation bar would title it (活动详情, 签到码…). */
  title: string;
}
