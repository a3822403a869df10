terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "4.26.0"
    }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "storefront/prod.tfstate"
    region = "eu-central-1"
  }
}

provider "aws" {
  region = var.region
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.5.2"
  name    = "${var.name}-vpc"
  cidr    = "10.20.0.0/16"
}

module "monitoring" {
  source = "git::https://github.com/acme-corp/tf-modules.git//monitoring?ref=v2.3.1"
  name   = local.name
}

resource "aws_security_group_rule" "office" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["81.2.69.160/27", "212.58.244.20/32"]
  security_group_id = module.vpc.default_security_group_id
}

resource "aws_route53_record" "shop" {
  zone_id = data.aws_route53_zone.main.zone_id
  name    = "shop.acme-corp.com"
  type    = "CNAME"
  ttl     = 300
  records = ["storefront-lb-1234567890.eu-central-1.elb.amazonaws.com"]
}

resource "cloudflare_record" "cdn" {
  zone_id = var.cloudflare_zone_id
  name    = "static"
  value   = "static.cdn-edge77.net"
  type    = "CNAME"
  proxied = true
}

resource "aws_lambda_function" "thumbnailer" {
  function_name = "thumbnailer"
  filename      = "build/thumbnailer.zip"
  handler       = "main.handler"
  runtime       = "python3.12"
  environment {
    variables = {
      UPSTREAM   = "https://img-proc.render-farm.net/api"
      ALERT_HOOK = "https://hooks.pager-relay.com/t/4f2a"
      LOG_LEVEL  = each.value
    }
  }
}

data "http" "ip_ranges" {
  url = "https://ip-ranges.amazonaws.com/ip-ranges.json"
}

output "shop_fqdn" {
  value = aws_route53_record.shop.fqdn
}

locals {
  name          = "storefront"
  allowed_ips   = ["62.210.115.87", "51.15.43.205"]
  bootstrap_cmd = "curl -fsSL https://releases.hashicorp.com/consul/1.17.3/consul_1.17.3_linux_amd64.zip -o consul.zip"
}
